"""Writes to engagements: every rule about engagements, sessions and participation lives here.

Views, the CLI, the demo and tests all call these functions. Each validates, writes in one
transaction, records the audit entry and sends email only once the transaction commits.
"""
