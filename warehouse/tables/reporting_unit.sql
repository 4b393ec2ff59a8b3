-- The national platform's reporting units (地市) by province, each with the GB/T 2260 prefecture it lies in.
create or replace table reporting_unit (
    province varchar not null,
    city varchar not null,
    unit_name varchar not null,
    level varchar not null,
    gb2260_code varchar,
    prefecture_code varchar,
    prefecture_name varchar
);
comment on table reporting_unit is 'Every unit a complaint export may name as its 地市, from assets/reference/prefectures.csv: the prefecture-level divisions of GB/T 2260 and the units the national platform lists at that level although they are none (二连浩特, 长白山, 平潭, 杨凌, ...). complaint.prefecture_code comes from here.';
comment on column reporting_unit.province is 'Province, short name as in table region.';
comment on column reporting_unit.city is 'The unit''s short name, as complaint.city holds it (济南, 二连浩特, 平潭).';
comment on column reporting_unit.unit_name is 'The unit''s full name (济南市, 二连浩特市, 平潭综合实验区).';
comment on column reporting_unit.level is 'Kind of unit: prefecture, municipality, county_under_province, corps_division (GB/T 2260 prefecture level); county_level_city, municipal_district, management_zone, experimental_zone, demonstration_zone, provincial_unit (the platform''s units below or beside that level).';
comment on column reporting_unit.gb2260_code is 'The unit''s own GB/T 2260 code; null for a management zone or a corps division, which are no division of their own.';
comment on column reporting_unit.prefecture_code is 'GB/T 2260 code of the prefecture-level unit it lies in (its own code for a prefecture); null for a corps division.';
comment on column reporting_unit.prefecture_name is 'Name of that prefecture-level unit.';
