using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IndexPhoneAndNameForDuplicateChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Duplicate checks look up (phone, lower(name)) pairs; EF Core cannot declare an expression index.
            migrationBuilder.Sql(
                "CREATE INDEX ix_customers_tenant_phone_lower_name ON customers (tenant_id, phone, lower(name)) WHERE is_active;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_customers_tenant_phone_lower_name;");
        }
    }
}
