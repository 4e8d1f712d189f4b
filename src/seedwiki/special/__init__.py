"""The seed's special pages: RecentChanges, random, Needed/Orphaned/… pages, licence, categories."""
