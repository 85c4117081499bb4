"""Heard: the system of record for stakeholder engagement in human rights due diligence."""
