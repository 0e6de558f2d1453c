export abstract class UserStore {}
