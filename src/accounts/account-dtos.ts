import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateAccountDto {
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @IsString() @IsNotEmpty() tier: string;
}

export class UpdateAccountDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @IsOptional() @IsString() @IsNotEmpty() tier?: string;
  @IsOptional() @IsIn(['active', 'suspended']) status?: 'active' | 'suspended';
}
