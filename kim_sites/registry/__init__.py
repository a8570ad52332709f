"""The KIM registry: provisioning, activation, CSV import, suspension and the KIM admin."""
