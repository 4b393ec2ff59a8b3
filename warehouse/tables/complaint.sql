-- One row per complaint id, from the provincial exports (built from the raw zone).
create or replace table complaint (
    complaint_id varchar not null,
    reported_at timestamp not null,
    channel varchar not null,
    province varchar not null,
    city varchar not null,
    prefecture_code varchar not null,
    county varchar,
    target varchar,
    target_key varchar,
    target_address varchar,
    pollution_types varchar[],
    industry varchar,
    accepted boolean not null,
    accepted_at timestamp,
    completed_at timestamp,
    outcome varchar,
    entered_at timestamp,
    source_file varchar not null,
    source_row integer not null,
    source_sha256 varchar not null
);
comment on table complaint is 'One row per complaint id in the provincial exports (<landing>/complaints/), read by the contract of docs/complaint-exports.md. Exact copies of a record (in one export or several) are kept once, from the first file in name order; complaint_quality counts them.';
comment on column complaint.complaint_id is '举报编号, unique nationally.';
comment on column complaint.reported_at is '举报时间 (Beijing time, as exported).';
comment on column complaint.channel is '举报渠道: phone (电话, 热线), wechat (微信), web (网上, 网络) or other (其他).';
comment on column complaint.province is '省份, short name as in table region (山东, not 山东省).';
comment on column complaint.city is '地市, the reporting unit as the platform names it, short name (济南, not 济南市; a municipality names itself or its district, 朝阳; a platform unit that is no prefecture names itself, 二连浩特, 长白山, 平潭), checked against assets/reference/prefectures.csv.';
comment on column complaint.prefecture_code is 'GB/T 2260 code of the prefecture-level unit the reporting unit lies in (parent_code in assets/reference/prefectures.csv): 二连浩特 -> 152500 (锡林郭勒盟), 平潭 -> 350100 (福州市), 朝阳 (北京) -> 110000; a prefecture''s own code; the province''s for 长白山 and 海南''s own entry.';
comment on column complaint.county is '区县 as exported; null when missing.';
comment on column complaint.target is '被举报对象, trimmed; null when missing (empty, 无, —, -, /, 不详 or 未知).';
comment on column complaint.target_key is 'The target as repeats are counted: NFKC-normalized, all whitespace removed.';
comment on column complaint.target_address is '对象地址; null when missing.';
comment on column complaint.pollution_types is '污染类型 as a list in the order air, noise, water, solid_waste, radiation, ecology, other, each once; null when missing.';
comment on column complaint.industry is '行业类型; null when missing.';
comment on column complaint.accepted is '受理状态: true for 已受理, false for 不予受理.';
comment on column complaint.accepted_at is '受理时间; null when not accepted or not recorded.';
comment on column complaint.completed_at is '办结时间; null while open.';
comment on column complaint.outcome is '办理结果: substantiated (属实), partly_substantiated (部分属实), unsubstantiated (不属实), in_progress (办理中); null when missing.';
comment on column complaint.entered_at is '录入时间, when the record reached the platform; null when not exported.';
comment on column complaint.source_file is 'Export file in <landing>/complaints/ the row is read from.';
comment on column complaint.source_row is 'Record number in that file: 1 is the first record after the header.';
comment on column complaint.source_sha256 is 'SHA-256 of that file (complaint_export.source_sha256).';
