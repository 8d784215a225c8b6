// Hashing at production cost would make every sign-up test take a quarter of a second.
process.env.BCRYPT_COST = "4";
