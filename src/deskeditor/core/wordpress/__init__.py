"""Two-way work with a WordPress site: pull, block HTML <-> Markdown, safe publish."""
