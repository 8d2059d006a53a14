"""The side panel's tabs: Lint, SEO, Citations, Outline and History."""
