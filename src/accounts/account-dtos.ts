import { IsEmail, IsIn, IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { TextField } from '../http/field-rules';

export class CreateAccountDto {
  @TextField() @IsNotEmpty() @MaxLength(200) name: string;
  @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @TextField() @IsNotEmpty() tier: string;
}

export class UpdateAccountDto {
  @IsOptional() @TextField() @IsNotEmpty() @MaxLength(200) name?: string;
  @IsOptional() @TextField() @IsNotEmpty() tier?: string;
  @IsOptional() @IsIn(['active', 'suspended']) status?: 'active' | 'suspended';
}
