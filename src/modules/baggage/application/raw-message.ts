/** One consumed stream message as the inbound adapter hands it over. */
export interface RawMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
}

export interface IngestResult {
  stored: number;
  created: number;
  deadLettered: number;
}
