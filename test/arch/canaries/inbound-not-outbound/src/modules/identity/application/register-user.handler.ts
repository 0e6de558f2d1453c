export class RegisterUserHandler {}
