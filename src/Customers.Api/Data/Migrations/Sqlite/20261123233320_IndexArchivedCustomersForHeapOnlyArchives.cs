using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndexArchivedCustomersForHeapOnlyArchives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_archived_tenant_id_name",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_created_at",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_name",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_postcode",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_created_at",
                table: "customers",
                columns: new[] { "tenant_id", "created_at" },
                filter: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_name",
                table: "customers",
                columns: new[] { "tenant_id", "name" },
                filter: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_postcode",
                table: "customers",
                columns: new[] { "tenant_id", "postcode" },
                filter: "is_active");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_created_at",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_name",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_postcode",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "ix_customers_archived_tenant_id_name",
                table: "customers",
                columns: new[] { "tenant_id", "name" },
                filter: "is_active AND archived");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_created_at",
                table: "customers",
                columns: new[] { "tenant_id", "created_at" },
                filter: "is_active AND NOT archived");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_name",
                table: "customers",
                columns: new[] { "tenant_id", "name" },
                filter: "is_active AND NOT archived");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_postcode",
                table: "customers",
                columns: new[] { "tenant_id", "postcode" },
                filter: "is_active AND NOT archived");
        }
    }
}
