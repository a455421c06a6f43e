using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeanerCustomerIndexesForBulkWrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_is_active_archived_name",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_paying_org",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_updated_at",
                table: "customers");

            migrationBuilder.AlterTable(
                name: "customers")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_name",
                table: "customers",
                columns: new[] { "tenant_id", "name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_name",
                table: "customers");

            migrationBuilder.AlterTable(
                name: "customers")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_is_active_archived_name",
                table: "customers",
                columns: new[] { "tenant_id", "is_active", "archived", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_paying_org",
                table: "customers",
                columns: new[] { "tenant_id", "paying_org" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_updated_at",
                table: "customers",
                columns: new[] { "tenant_id", "updated_at" });
        }
    }
}
