"""Portal pages: thin views over heard.portal.queries and heard.portal.services."""
