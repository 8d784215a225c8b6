ALTER TABLE "contracts" ADD CONSTRAINT "contracts_workspace_id_key" UNIQUE("workspace_id","id");--> statement-breakpoint
CREATE TABLE "burn_charges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "burn_charges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"row_key" text NOT NULL,
	"category" text NOT NULL,
	"group_label" text NOT NULL,
	"excluded" boolean DEFAULT false NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date,
	"agent" text,
	"unit" text,
	"actions" numeric,
	"credits" numeric,
	"cost" numeric,
	"billed_cost" numeric,
	"currency" text,
	"extras" jsonb,
	"recorded_as" text,
	"recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "burn_replaced" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "burn_replaced_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"original_import_id" uuid,
	"source" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "burn_import_rows" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "burn_import_rows" CASCADE;--> statement-breakpoint
ALTER TABLE "burn_rows" DROP CONSTRAINT "burn_rows_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "burn_rows" DROP CONSTRAINT "burn_rows_contract_id_contracts_id_fk";
--> statement-breakpoint
ALTER TABLE "burn_rows" DROP CONSTRAINT "burn_rows_import_id_burn_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "burn_imports" ADD COLUMN "rolled_back_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "burn_imports" ADD COLUMN "rolled_back_by" uuid;--> statement-breakpoint
ALTER TABLE "burn_charges" ADD CONSTRAINT "burn_charges_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "burn_charges" ADD CONSTRAINT "burn_charges_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "burn_charges" ADD CONSTRAINT "burn_charges_import_id_burn_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."burn_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "burn_replaced" ADD CONSTRAINT "burn_replaced_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "burn_replaced" ADD CONSTRAINT "burn_replaced_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "burn_replaced" ADD CONSTRAINT "burn_replaced_import_id_burn_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."burn_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "burn_charges_contract_row_key" ON "burn_charges" USING btree ("contract_id","row_key");--> statement-breakpoint
CREATE INDEX "burn_charges_workspace_contract_period_idx" ON "burn_charges" USING btree ("workspace_id","contract_id","period_start");--> statement-breakpoint
CREATE INDEX "burn_charges_import_idx" ON "burn_charges" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "burn_replaced_import_idx" ON "burn_replaced" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "burn_replaced_original_idx" ON "burn_replaced" USING btree ("original_import_id");--> statement-breakpoint
CREATE INDEX "burn_replaced_workspace_idx" ON "burn_replaced" USING btree ("workspace_id");--> statement-breakpoint
ALTER TABLE "burn_imports" ADD CONSTRAINT "burn_imports_rolled_back_by_users_id_fk" FOREIGN KEY ("rolled_back_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "burn_rows" ADD CONSTRAINT "burn_rows_contract_fk" FOREIGN KEY ("workspace_id","contract_id") REFERENCES "public"."contracts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
