"""Validation rules per record type; each module registers its rules with gridapp.validation."""
