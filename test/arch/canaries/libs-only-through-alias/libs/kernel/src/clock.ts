export class SystemClock {}
export class ManualClock {}
