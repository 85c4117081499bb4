"""Concern pages: the team's (staff), the portal's and the public ones."""
