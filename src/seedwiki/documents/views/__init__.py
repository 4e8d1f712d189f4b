"""Page views: thin wrappers that parse the request, call services/rendering, pick a template."""

