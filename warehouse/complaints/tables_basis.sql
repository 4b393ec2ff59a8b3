select
    settings,
    definitions_sha256,
    first_reported_at,
    last_reported_at
from complaint_tables_basis
