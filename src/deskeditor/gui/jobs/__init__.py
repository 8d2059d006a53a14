"""Work off the GUI thread: newest-wins workers, cancellable jobs, the grammar checker's handle."""
