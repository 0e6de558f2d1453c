// int, e2e and split suites boot processes with real Kafka consumers (group join, graceful drain): seconds on 2 cores.
jest.setTimeout(60_000);
