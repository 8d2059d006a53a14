"""The side panels: the draft library on the left and the tabs on the right (Lint, SEO, Citations, Outline, History)."""
