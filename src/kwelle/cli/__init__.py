"""Command-line tools that Sphinx never loads: the safe HTML build, the PDF edition, the scaffold, check-refs."""
