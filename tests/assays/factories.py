"""Factories of this app's lab-owned models, registered for the tenancy tests."""
