"""Safety: what an article cannot do (hardening), and the scan of every page a build writes."""
