import { prepareDb } from "./prepare-db";

const { seeded } = await prepareDb({ seed: true });
console.log(seeded ? "demo workspace seeded" : "demo workspace already present");
