-- Reference: the 32 regions of the notices (assets/reference/regions.csv).
create or replace table region (
    province varchar primary key,
    full_name varchar not null,
    gb2260_code varchar,
    macro_region varchar not null
);
comment on table region is 'The 32 regions of the notices: 31 provincial-level divisions and the Xinjiang Production and Construction Corps. From assets/reference/regions.csv, which names its sources.';
comment on column region.province is 'Short name as the notices print it; the key other tables use.';
comment on column region.full_name is 'Official full name, e.g. 内蒙古自治区.';
comment on column region.gb2260_code is 'GB/T 2260 provincial division code; NULL for 兵团, which is not an administrative division.';
comment on column region.macro_region is 'National Bureau of Statistics region: east, central, west or northeast.';
