-- Each file names the store its object is in (credential-service's storage targets), so that deletes, quarantine
-- and downloads reach that store even after its tenant moved to another one. Until now a tenant's objects went to
-- the store its settings named, so existing rows get their tenant's current storageTarget: 'default' (a constant
-- default, no table rewrite), then one update for the tenants that name another store.
alter table files add column storage_target text not null default 'default';
update files f set storage_target = t.settings ->> 'storageTarget'
  from tenants t
 where t.id = f.tenant_id
   and t.settings ->> 'storageTarget' is not null
   and t.settings ->> 'storageTarget' <> 'default';
