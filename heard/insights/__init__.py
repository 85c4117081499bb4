"""Insights and reporting: dashboards, themes across inputs, insight briefs for internal teams
and disclosure reports. Each is its own app below; this package holds what they share
(server-rendered charts, PDF rendering)."""
