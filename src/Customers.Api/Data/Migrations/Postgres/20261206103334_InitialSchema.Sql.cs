using Microsoft.EntityFrameworkCore.Migrations;

namespace Customers.Api.Data.Migrations.Postgres;

/// <summary>
/// The parts of the PostgreSQL schema that EF Core cannot declare: the search function and its
/// trigram index, the duplicate check's expression index, and the triggers that check a
/// customer's tenant once per statement. Why each is shaped so: docs/adr/.
/// </summary>
public partial class InitialSchema
{
    private static void CreateHandWrittenObjects(MigrationBuilder migrationBuilder)
    {
        // Substring search: one trigram index over the four searched fields joined by U+001F, which
        // no one-line field or search term holds, so '%term%' cannot match across two fields.
        // IMMUTABLE, so that it can be indexed (and inlined). docs/adr/20261130-one-trigram-search-index.md
        migrationBuilder.Sql("""
            CREATE FUNCTION customer_search_text(name text, email text, phone text, postcode text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT name || chr(31) || coalesce(email, '') || chr(31) || phone || chr(31) || coalesce(postcode, '') $$;

            CREATE INDEX ix_customers_search_trgm ON customers
            USING gin (customer_search_text(name, email, phone, postcode) gin_trgm_ops) WHERE is_active;
            """);

        // The duplicate check looks up (phone, lower(name)) pairs and only then keeps the tenant's:
        // docs/adr/20261124-duplicate-check-by-phone-name-pairs.md
        migrationBuilder.Sql("CREATE INDEX ix_customers_phone_lower_name ON customers (phone, lower(name)) WHERE is_active;");

        // Instead of a customers → tenants foreign key (a lookup per row), the same rules once per
        // statement; a changed tenant_id is checked AFTER the update, since any BEFORE row trigger
        // makes PostgreSQL lock every updated row. docs/adr/20261130-tenant-checks-per-statement.md
        migrationBuilder.Sql("""
            CREATE FUNCTION customers_check_new_tenants() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                missing integer;
            BEGIN
                PERFORM 1 FROM tenants WHERE tenant_id IN (SELECT tenant_id FROM new_customers) FOR KEY SHARE;
                SELECT n.tenant_id INTO missing
                FROM (SELECT DISTINCT tenant_id FROM new_customers) AS n
                WHERE NOT EXISTS (SELECT 1 FROM tenants AS t WHERE t.tenant_id = n.tenant_id)
                LIMIT 1;
                IF FOUND THEN
                    RAISE EXCEPTION 'insert or update on table "customers": tenant % does not exist', missing
                        USING ERRCODE = 'foreign_key_violation', TABLE = 'customers';
                END IF;
                RETURN NULL;
            END $$;

            CREATE TRIGGER customers_check_new_tenants AFTER INSERT ON customers
                REFERENCING NEW TABLE AS new_customers
                FOR EACH STATEMENT EXECUTE FUNCTION customers_check_new_tenants();

            CREATE FUNCTION customers_check_changed_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM 1 FROM tenants WHERE tenant_id = NEW.tenant_id FOR KEY SHARE;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'insert or update on table "customers": tenant % does not exist', NEW.tenant_id
                        USING ERRCODE = 'foreign_key_violation', TABLE = 'customers';
                END IF;
                RETURN NEW;
            END $$;

            -- Fires only for a row whose tenant_id changes (the service never changes one).
            CREATE TRIGGER customers_check_changed_tenant AFTER UPDATE OF tenant_id ON customers
                FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
                EXECUTE FUNCTION customers_check_changed_tenant();

            -- The tenant's row is locked before this runs, so it waits for any transaction
            -- still adding customers to it (they hold KEY SHARE) and then sees their rows.
            CREATE FUNCTION tenants_keep_customers() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM customers WHERE tenant_id = OLD.tenant_id) THEN
                    RAISE EXCEPTION 'update or delete on table "tenants": tenant % still has customers', OLD.tenant_id
                        USING ERRCODE = 'foreign_key_violation', TABLE = 'tenants';
                END IF;
                RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
            END $$;

            CREATE TRIGGER tenants_keep_customers_on_delete BEFORE DELETE ON tenants
                FOR EACH ROW EXECUTE FUNCTION tenants_keep_customers();
            CREATE TRIGGER tenants_keep_customers_on_update BEFORE UPDATE OF tenant_id ON tenants
                FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
                EXECUTE FUNCTION tenants_keep_customers();
            """);
    }

    private static void DropHandWrittenObjects(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TRIGGER tenants_keep_customers_on_update ON tenants;
            DROP TRIGGER tenants_keep_customers_on_delete ON tenants;
            DROP FUNCTION tenants_keep_customers();
            DROP TRIGGER customers_check_changed_tenant ON customers;
            DROP FUNCTION customers_check_changed_tenant();
            DROP TRIGGER customers_check_new_tenants ON customers;
            DROP FUNCTION customers_check_new_tenants();
            DROP INDEX ix_customers_phone_lower_name;
            DROP INDEX ix_customers_search_trgm;
            DROP FUNCTION customer_search_text(text, text, text, text);
            """);
    }
}
