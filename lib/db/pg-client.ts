import pg from "pg";

/**
 * One plain `pg` connection for the length of `work`, always closed: for what runs outside the
 * app's Prisma pool — migrations, roles and grants, the CLI, tests that act as another role.
 */
export async function withPgClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
