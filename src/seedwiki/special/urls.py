from django.urls import path

from . import feeds, views

urlpatterns = [
    path("RecentChanges", views.recent_changes, name="recent_changes"),
    path("random", views.random_redirect, name="random"),
    path("RandomPage", views.random_page, name="random_page"),
    path("NeededPages", views.needed_pages, name="needed_pages"),
    path("OrphanedPages", views.orphaned_pages, name="orphaned_pages"),
    path("UncategorizedPages", views.uncategorized_pages, name="uncategorized_pages"),
    path("OldPages", views.old_pages, name="old_pages"),
    path("ShortestPages", views.shortest_pages, name="shortest_pages"),
    path("LongestPages", views.longest_pages, name="longest_pages"),
    path("License", views.license_page, name="license"),
    path("Special", views.special_index, name="special"),
    path("atom/RecentChanges", feeds.recent_changes_feed, name="recent_changes_feed"),
    path("atom/history/<path:title>", feeds.history_feed, name="history_feed"),
]
