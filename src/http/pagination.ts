import { IsOptional } from 'class-validator';
import { IntegerField } from './field-rules';

export class PageQuery {
  @IsOptional() @IntegerField(1, 200) limit = 50;
  @IsOptional() @IntegerField(0) offset = 0;
}
