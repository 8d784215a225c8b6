CREATE TABLE "workspace_export_leases" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"holder" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_import_chunks" (
	"import_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "workspace_import_chunks_import_id_seq_pk" PRIMARY KEY("import_id","seq")
);
--> statement-breakpoint
CREATE TABLE "workspace_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"format" text NOT NULL,
	"status" text DEFAULT 'receiving' NOT NULL,
	"stage" text DEFAULT 'Receiving the file' NOT NULL,
	"progress_pct" integer DEFAULT 0 NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"contracts" integer DEFAULT 0 NOT NULL,
	"burn_rows" bigint DEFAULT 0 NOT NULL,
	"brief_versions" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"error" text,
	"issues" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "workspace_export_leases" ADD CONSTRAINT "workspace_export_leases_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_import_chunks" ADD CONSTRAINT "workspace_import_chunks_import_id_workspace_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."workspace_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_imports" ADD CONSTRAINT "workspace_imports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_imports" ADD CONSTRAINT "workspace_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workspace_imports_workspace_idx" ON "workspace_imports" USING btree ("workspace_id");