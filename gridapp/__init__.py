"""GridApp (网格工作台) core: domain models, validation, the encrypted local store. No Qt, no network."""

__version__ = "0.1.0"
