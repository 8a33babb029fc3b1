"""sandboxcli: China's fintech regulatory sandboxes, answered from a cited SQLite database."""

__version__ = "0.1.0"
