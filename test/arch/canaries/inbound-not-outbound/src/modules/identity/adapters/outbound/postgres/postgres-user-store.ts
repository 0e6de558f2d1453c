export class PostgresUserStore {}
