"""Discussion services: plain functions the views, the API and tests call. Each takes the acting
``Subject`` and asks ``can()`` itself, so no caller can forget a permission."""
