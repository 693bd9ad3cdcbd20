"""No Django models: each declared document's tables are created from its declaration after
`migrate` (see `apps.install_documents`). This module makes Django send this app post_migrate."""
