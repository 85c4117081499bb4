"""Security controls of issue 7 (docs/security.md)."""
