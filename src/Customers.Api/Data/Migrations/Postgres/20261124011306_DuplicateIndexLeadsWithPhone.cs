using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Postgres
{
    /// <summary>
    /// The duplicate check's index leads with the phone, not the tenant. While a big import fills a
    /// tenant the planner's statistics may not know it yet (it estimates one row), and then every
    /// index that leads with tenant_id looked as good as (tenant_id, phone, lower(name)) and cheaper
    /// to check: the duplicate check scanned all of the tenant's rows for each of 1,000 lookups
    /// (~0.5 s a batch at 100,000 rows). Looked up by (phone, lower(name)) alone, then filtered on the
    /// tenant, no other index can serve it.
    /// </summary>
    public partial class DuplicateIndexLeadsWithPhone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_customers_phone_lower_name ON customers (phone, lower(name)) WHERE is_active;");
            migrationBuilder.Sql("DROP INDEX ix_customers_tenant_phone_lower_name;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_customers_tenant_phone_lower_name ON customers (tenant_id, phone, lower(name)) WHERE is_active;");
            migrationBuilder.Sql("DROP INDEX ix_customers_phone_lower_name;");
        }
    }
}
