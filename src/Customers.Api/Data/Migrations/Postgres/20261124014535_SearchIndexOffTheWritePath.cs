using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Postgres
{
    /// <summary>
    /// Substring search moves from four trigram indexes on customers (maintained by every write:
    /// about half of an import's database time) to one trigram index on customer_search, brought
    /// up to date in the background from a queue that triggers fill: a statement-level insert
    /// trigger (one set-based insert per statement) and a row-level update trigger that fires
    /// only when an update names a searchable column and changes it. See Customers/Search.
    /// </summary>
    public partial class SearchIndexOffTheWritePath : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_email_trgm",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_name_trgm",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_phone_trgm",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_postcode_trgm",
                table: "customers");

            migrationBuilder.CreateTable(
                name: "customer_search",
                columns: table => new
                {
                    tenant_id = table.Column<int>(type: "integer", nullable: false),
                    customer_id = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_search", x => new { x.tenant_id, x.customer_id });
                });

            migrationBuilder.CreateTable(
                name: "customer_search_queue",
                columns: table => new
                {
                    tenant_id = table.Column<int>(type: "integer", nullable: false),
                    customer_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_search_queue", x => new { x.tenant_id, x.customer_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_search_text_trgm",
                table: "customer_search",
                column: "text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            // U+001F between fields: a cleaned search term holds no control character, so no match spans two fields.
            migrationBuilder.Sql("""
                CREATE FUNCTION customer_search_text(name text, email text, phone text, postcode text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN name || chr(31) || coalesce(email, '') || chr(31) || phone || chr(31) || coalesce(postcode, '');
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION customers_queue_inserted_for_search() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO customer_search_queue (tenant_id, customer_id)
                    SELECT tenant_id, customer_id FROM inserted_rows
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER customers_queue_inserted_for_search AFTER INSERT ON customers
                REFERENCING NEW TABLE AS inserted_rows
                FOR EACH STATEMENT EXECUTE FUNCTION customers_queue_inserted_for_search();
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION customers_queue_changed_for_search() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO customer_search_queue (tenant_id, customer_id) VALUES (NEW.tenant_id, NEW.customer_id)
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER customers_queue_changed_for_search AFTER UPDATE OF name, email, phone, postcode ON customers
                FOR EACH ROW
                WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email
                    OR OLD.phone IS DISTINCT FROM NEW.phone OR OLD.postcode IS DISTINCT FROM NEW.postcode)
                EXECUTE FUNCTION customers_queue_changed_for_search();
                """);
            migrationBuilder.Sql("""
                INSERT INTO customer_search (tenant_id, customer_id, text)
                SELECT tenant_id, customer_id, customer_search_text(name, email, phone, postcode) FROM customers;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER customers_queue_changed_for_search ON customers;");
            migrationBuilder.Sql("DROP TRIGGER customers_queue_inserted_for_search ON customers;");
            migrationBuilder.Sql("DROP FUNCTION customers_queue_changed_for_search();");
            migrationBuilder.Sql("DROP FUNCTION customers_queue_inserted_for_search();");
            migrationBuilder.Sql("DROP FUNCTION customer_search_text(text, text, text, text);");
            migrationBuilder.DropTable(
                name: "customer_search");

            migrationBuilder.DropTable(
                name: "customer_search_queue");

            migrationBuilder.CreateIndex(
                name: "ix_customers_email_trgm",
                table: "customers",
                column: "email",
                filter: "is_active")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_name_trgm",
                table: "customers",
                column: "name",
                filter: "is_active")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_phone_trgm",
                table: "customers",
                column: "phone",
                filter: "is_active")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_postcode_trgm",
                table: "customers",
                column: "postcode",
                filter: "is_active")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }
    }
}
