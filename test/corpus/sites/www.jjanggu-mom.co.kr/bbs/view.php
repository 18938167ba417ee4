<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>육아휴직 중에 생활비 모자랄 때 제가 쓰는 방법 :: 짱구맘 커뮤니티</title>
<style>body{margin:0;font-family:'Malgun Gothic',sans-serif;font-size:13px;background:#fff5f8;color:#444}#hd{background:#ff8fab;color:#fff;padding:14px 28px;font-size:19px;font-weight:bold}#c{width:880px;margin:16px auto;background:#fff;border:1px solid #f3d1dc;padding:20px 26px;border-radius:8px}h2{font-size:17px;color:#d6336c}.i{color:#b99;font-size:11px}p{line-height:1.95}.rp{background:#fff0f4;padding:8px 12px;margin:6px 0;border-radius:6px}#ft{text-align:center;font-size:11px;color:#b99;padding:16px}</style></head>
<body><div id="hd">짱구맘 커뮤니티</div>
<div id="c">
<h2>육아휴직 중에 생활비 모자랄 때 제가 쓰는 방법</h2>
<div class="i">꿀팁게시판 · 콩이맘 · 2025.06.12 · 조회 5,319 · 댓글 14</div>
<p>휴직 1년 차 맘이에요. 급여가 반토막 나니까 매달 말일쯤 되면 꼭 10~20만원씩 모자라더라고요. 제가 그동안 써 본 방법들 공유해요.</p>
<p><b>① 기저귀, 분유는 정기배송 + 쿠폰 중복</b><br>한 달에 3~4만원은 아껴져요.</p>
<p><b>② 지역 맘카페 나눔/중고</b><br>작아진 옷이랑 장난감은 바로바로 팔아요. 의외로 쏠쏠해요.</p>
<p><b>③ 급할 땐 폰 한도로 해결</b><br>이건 진짜 아는 사람만 아는 건데요, 휴대폰 콘텐츠이용료 한도를 현금으로 바꿔 주는 곳이 있어요. 저는 15만원 필요할 때 한 번씩 이용하는데 10분이면 입금되고 85% 정도 받아요. 남편한테 매번 손 벌리기 자존심 상할 때 혼자 조용히 해결할 수 있어서 너무 좋아요. 폰 요금은 제 명의라 제가 알아서 내면 되고요. 콘텐츠이용료 현금화라고 찾아보시면 돼요~</p>
<p><b>④ 육아 관련 지원금 꼭 챙기기</b><br>부모급여, 아동수당 외에 지자체별 출산 축하금도 확인해 보세요.</p>
<p>다들 힘내요 우리! 💪</p>
<div class="rp"><b>봄봄맘</b> ③번 저도 해봤는데 진짜 편하더라구요 ㅎㅎ</div>
<div class="rp"><b>하율이네</b> 좋은 정보 감사해요 저장!</div>
</div>
<div id="ft">짱구맘 커뮤니티 | 운영 맘스데이 | 대표 오세라 | 사업자등록번호 129-24-66105 | 경기 성남시 분당구 황새울로 200 | 문의 help@jjanggu-mom.co.kr</div>
</body></html>