using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Postgres
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

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_created_at",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_name",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_postcode",
                table: "customers");

            migrationBuilder.AlterTable(
                name: "customers")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50)
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);

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

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_created_at",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_name",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_postcode",
                table: "customers");

            migrationBuilder.AlterTable(
                name: "customers")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70)
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.CreateIndex(
                name: "ix_customers_archived_tenant_id_name",
                table: "customers",
                columns: new[] { "tenant_id", "name" },
                filter: "is_active AND archived");

            migrationBuilder.CreateIndex(
                name: "ix_customers_email_trgm",
                table: "customers",
                column: "email",
                filter: "is_active AND NOT archived")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_name_trgm",
                table: "customers",
                column: "name",
                filter: "is_active AND NOT archived")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_phone_trgm",
                table: "customers",
                column: "phone",
                filter: "is_active AND NOT archived")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_postcode_trgm",
                table: "customers",
                column: "postcode",
                filter: "is_active AND NOT archived")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

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
