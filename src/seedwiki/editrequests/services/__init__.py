"""Edit-request services: plain functions taking the acting ``Subject`` (views, API, tests)."""
