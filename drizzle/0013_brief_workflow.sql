CREATE TABLE "brief_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"brief_version_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "brief_sign_offs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"brief_version_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brief_shares" ADD COLUMN "kind" text DEFAULT 'internal' NOT NULL;--> statement-breakpoint
ALTER TABLE "brief_comments" ADD CONSTRAINT "brief_comments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_comments" ADD CONSTRAINT "brief_comments_brief_version_id_brief_versions_id_fk" FOREIGN KEY ("brief_version_id") REFERENCES "public"."brief_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_comments" ADD CONSTRAINT "brief_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_sign_offs" ADD CONSTRAINT "brief_sign_offs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_sign_offs" ADD CONSTRAINT "brief_sign_offs_brief_version_id_brief_versions_id_fk" FOREIGN KEY ("brief_version_id") REFERENCES "public"."brief_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_sign_offs" ADD CONSTRAINT "brief_sign_offs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brief_comments_version_idx" ON "brief_comments" USING btree ("brief_version_id","created_at");--> statement-breakpoint
CREATE INDEX "brief_comments_workspace_idx" ON "brief_comments" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "brief_sign_offs_version_user" ON "brief_sign_offs" USING btree ("brief_version_id","user_id");--> statement-breakpoint
CREATE INDEX "brief_sign_offs_workspace_idx" ON "brief_sign_offs" USING btree ("workspace_id");--> statement-breakpoint
ALTER TABLE "brief_shares" ADD CONSTRAINT "brief_shares_kind" CHECK ("brief_shares"."kind" in ('internal', 'vendorSafe'));