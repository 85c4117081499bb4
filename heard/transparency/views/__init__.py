"""Views of the transparency centre: public pages (and their staff previews), staff settings."""
