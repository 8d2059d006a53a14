"""Hugo and Jekyll sites as workspaces: detect a site, link its posts to
drafts, keep both in step (three-way merges), and drive its git repository.

``config`` reads the site; ``files`` reads and writes post files byte for
byte; ``merge`` is the three-way merge; ``workspace`` ties them to the store;
``git`` runs the system's git for commit, pull and push.
"""
