using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LoginThrottlesPerAccountAndClient : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "failed_login_count",
                table: "users");

            migrationBuilder.DropColumn(
                name: "locked_until",
                table: "users");

            migrationBuilder.CreateTable(
                name: "login_throttles",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    client = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    failed_count = table.Column<int>(type: "integer", nullable: false),
                    last_failed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    blocked_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_login_throttles", x => new { x.user_id, x.client });
                    table.ForeignKey(
                        name: "fk_login_throttles_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_login_throttles_last_failed_at",
                table: "login_throttles",
                column: "last_failed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "login_throttles");

            migrationBuilder.AddColumn<int>(
                name: "failed_login_count",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "locked_until",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
