using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportJobEncoding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "encoding",
                table: "import_jobs",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "utf-8");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "encoding",
                table: "import_jobs");
        }
    }
}
